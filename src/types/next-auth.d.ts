import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** Id of the AuthSession row behind this cookie. */
    sid?: string;
  }
}
