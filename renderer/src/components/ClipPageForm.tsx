import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { UrlForm } from './UrlForm.tsx';

export interface ClipPageFormProps {
  readonly client: OffprintApi;
  readonly onClipped: (article: ArticleSummary) => void;
}

/** One web page saved by its address (`articles:clip`): the library fetches it, extracts the article and its images. */
export function ClipPageForm({ client, onClipped }: ClipPageFormProps) {
  return (
    <UrlForm
      className="clip-page"
      label="Page URL"
      placeholder="https://example.com/story"
      action="Clip page"
      busyAction="Clipping…"
      emptyMessage="Enter the address of the page to keep."
      onSubmit={async (url) => {
        const result = await client.articles.clip({ url });
        if (!result.ok) return `Could not clip this page. ${plainMessage(result.error.message)}`;
        onClipped(result.value.article);
        return null;
      }}
    />
  );
}
