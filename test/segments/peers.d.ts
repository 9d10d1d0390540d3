// split-sms ships no types; only what the benchmark and the comparison tests use.
declare module 'split-sms' {
  interface SplitPart {
    content?: string;
    length: number;
    bytes: number;
  }
  interface SplitResult {
    characterSet: 'GSM' | 'Unicode';
    parts: SplitPart[];
    bytes: number;
    length: number;
    remainingInPart: number;
  }
  export function split(
    message: string,
    options?: { characterset?: 'GSM' | 'Unicode'; summary?: boolean },
  ): SplitResult;
  const splitSms: { split: typeof split };
  export default splitSms;
}
