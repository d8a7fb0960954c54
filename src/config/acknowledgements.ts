import { z } from "./zod";

// Any JSON value: removing a promotion gate or the release tags is a change from a whole section to null.
const value = z.json({ error: "expected the setting's value as the refusal names it: a number, true/false, a string, a list or mapping, or null for absent" });

/**
 * One reviewed weakening of production governance, bound to the exact change:
 * the repository, the setting and its value before and after. Once the change
 * is applied, the stack's outputs hold the new value, so the acknowledgement
 * matches nothing any more and every preview warns until it is removed.
 */
export const acknowledgementSchema = z.strictObject({
    repository: z.string().min(1),
    setting: z.string().min(1),
    from: value,
    to: value,
    reason: z.string().trim().min(10, { error: "expected the reason for the weakening and who reviewed it, in at least 10 characters" }),
});

export type WeakeningAcknowledgement = z.infer<typeof acknowledgementSchema>;
