import { describe, expect, it } from 'vitest';
import { notificationOptions } from '../../../../electron/main/background/notificationOptions.ts';

describe('notificationOptions', () => {
  it('shows the topic line as the title and the article titles as the body, with sound', () => {
    expect(
      notificationOptions({
        topicId: 3,
        title: 'Rare earths: 2 new articles',
        body: 'Gallium export licences tightened\nNeodymium supply squeezed',
        articleIds: ['a', 'b'],
      }),
    ).toEqual({
      title: 'Rare earths: 2 new articles',
      body: 'Gallium export licences tightened\nNeodymium supply squeezed',
      silent: false,
    });
  });
});
