-- Publishing (issue 5): a vote to publish carries a note of what changed since the last version,
-- and a published version can never be changed afterwards, whatever code tries.

ALTER TABLE "Proposal" ADD COLUMN "publicationNote" TEXT;

CREATE FUNCTION publication_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'A published version cannot be changed; publish a new version instead.'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "Publication_immutable" BEFORE UPDATE ON "Publication"
  FOR EACH ROW EXECUTE FUNCTION publication_is_immutable();
