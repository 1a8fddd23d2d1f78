/**
 * One entry of the article's citation registry. `id` is kebab-case and stable: chapters cite by
 * id, so an id is never renamed once published. `url` is always https. `version` names the release,
 * tag or commit a statement about code was read from; `note` says what the article takes from it.
 */
export interface Reference {
  id: string;
  title: string;
  authors?: string;
  publisher: string;
  year?: string;
  version?: string;
  url: string;
  note?: string;
}
