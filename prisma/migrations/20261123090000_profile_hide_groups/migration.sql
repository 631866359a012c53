-- Privacy (issue 7): a person may leave the list of their groups off their public profile.

ALTER TABLE "Profile" ADD COLUMN "hideGroups" BOOLEAN NOT NULL DEFAULT false;
