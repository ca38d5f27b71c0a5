/** One input file, decoded. */
export interface InputText {
  /** The path as the user wrote it (or as found under a directory they gave); `-` for stdin. */
  file: string;
  text: string;
  /**
   * True when the file was met while walking a directory the user gave, rather than named:
   * such a file is read only when it is in a form some reader claims, and skipped otherwise.
   */
  found?: boolean;
  /** With `found`: the directory the user gave, which the file was met under. */
  under?: string;
}
