import { z } from "zod";

export const ZOpenNotification = z.object({ id: z.uuid("Unknown notification.") });
