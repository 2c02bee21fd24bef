-- Partner admins invite people too, and an invitation must never quietly replace another
-- team's: at most one open invitation per address, so two people inviting the same address
-- at the same moment cannot both succeed. Older duplicates are revoked first.
UPDATE invitations SET revoked_at = created_at
WHERE accepted_at IS NULL AND revoked_at IS NULL
  AND id NOT IN (
    SELECT MAX(id) FROM invitations
    WHERE accepted_at IS NULL AND revoked_at IS NULL
    GROUP BY email
  );
CREATE UNIQUE INDEX invitations_one_open ON invitations (email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Where an organization is based (ISO 3166-1 alpha-2); its currency is what its people's
-- registration forms start with.
ALTER TABLE organizations ADD COLUMN country TEXT;
