import type { NonGsmCharacter } from './types.js';

/**
 * Thrown by {@link segments} when `encoding: 'GSM-7'` is forced on text that the GSM-7 tables
 * (default alphabet, extension table and any enabled language shift tables) cannot encode.
 * @example
 * try {
 *   segments('Ciao 😀', { encoding: 'GSM-7' });
 * } catch (error) {
 *   if (error instanceof GsmEncodingError) console.log(error.characters); // [{ char: '😀', index: 5 }]
 * }
 */
export class GsmEncodingError extends Error {
  /** Always `'GsmEncodingError'`, so it survives minification. */
  override readonly name = 'GsmEncodingError' as const;
  /** The characters that cannot be encoded, with their offsets in the (autoconverted) text. */
  readonly characters: NonGsmCharacter[];

  /** @param characters the characters that cannot be encoded in GSM-7 */
  constructor(characters: NonGsmCharacter[]) {
    const listed = characters
      .slice(0, 5)
      .map(({ char, index }) => `${JSON.stringify(char)} at ${index}`)
      .join(', ');
    const more = characters.length > 5 ? ` and ${characters.length - 5} more` : '';
    super(
      `options.encoding is 'GSM-7' but the text has ${characters.length} character(s) outside the ` +
        `GSM-7 tables: ${listed}${more}. Use encoding 'auto' or 'UCS-2', or autoconvert.`,
    );
    this.characters = characters;
  }
}
