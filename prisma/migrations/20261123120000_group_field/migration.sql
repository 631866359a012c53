-- A group's field (health, housing, welfare, ...): the library lets readers browse published
-- papers by it.
ALTER TABLE "Group" ADD COLUMN "sector" "Sector" NOT NULL DEFAULT 'OTHER';
