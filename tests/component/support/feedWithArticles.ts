import type { Article, Feed } from '../../../electron/shared/model.ts';
import { createFakeClient, type FakeClient } from './fakeClient.ts';

export type ArticleFields = Partial<Article> & { readonly title: string };

/** A fake client whose library holds one feed (`feed` its fields) with these articles in it, in this order. */
export function feedWithArticles(feed: Partial<Feed>, articles: readonly ArticleFields[]): FakeClient {
  const fake = createFakeClient();
  const { id: feedId } = fake.library.addFeed(feed);
  for (const article of articles) fake.library.addArticle({ feedId, ...article });
  return fake;
}
