import type { NotificationConstructorOptions } from 'electron';
import type { TopicNotification } from '../../core/refresh/planTopicNotifications.ts';

/**
 * What a topic notification shows: its title and the article titles, with
 * the platform's default sound. The article titles are plain text (a
 * notification renders no markup), so nothing is escaped or shortened here;
 * the platforms clip long bodies themselves.
 */
export function notificationOptions(notification: TopicNotification): NotificationConstructorOptions {
  return { title: notification.title, body: notification.body, silent: false };
}
