-- A registration lists the later claims whose conflict check named it, so findings are looked
-- up by the claim they matched as well as by the registration that found them.
CREATE INDEX registration_findings_matched ON registration_findings (matched_registration_id);
