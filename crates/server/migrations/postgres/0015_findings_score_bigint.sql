-- A finding's score was the one INTEGER (32-bit) column read into Rust: PostgreSQL's driver
-- decodes each column as the exact type it has, and every other number is BIGINT.
ALTER TABLE registration_findings ALTER COLUMN score TYPE BIGINT;
