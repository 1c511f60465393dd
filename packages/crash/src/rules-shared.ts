// Headline builders shared by the trigger tables.
import { cleanHeadline } from "./headline";

export const whole = (m: RegExpExecArray): string => m[0];
export const cleaned = (m: RegExpExecArray): string => cleanHeadline(m.input);
export const fixed = (text: string) => (): string => text;
