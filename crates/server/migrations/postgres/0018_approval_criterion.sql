-- A reseller deal opened from an approved registration has met its first stage's "Registration
-- approved" criterion (bit 0) by being approved; deals opened before the rule was kept get it.
UPDATE opportunities SET criteria_met = criteria_met | 1
WHERE registration_id IS NOT NULL AND motion = 'reseller' AND stage = 'deal_registration';
