import { Notification } from 'electron';
import type { TopicNotification } from '../../core/refresh/planTopicNotifications.ts';
import { notificationOptions } from './notificationOptions.ts';

export interface TopicNotificationPresenter {
  readonly show: (notification: TopicNotification) => void;
  /** Closes what is still on screen (the app is quitting). */
  readonly dispose: () => void;
}

/**
 * Shows topic notifications as system notifications; a click brings the
 * window forward. Where the system has none (`Notification.isSupported()`
 * is false: some Linux desktops), nothing is shown. Each notification is
 * held until clicked or closed: one that is only referenced by the OS may be
 * collected, and its click would then go nowhere.
 */
export function createTopicNotificationPresenter(focusWindow: () => void): TopicNotificationPresenter {
  const live = new Set<Notification>();
  return {
    show(notification) {
      if (!Notification.isSupported()) return;
      const shown = new Notification(notificationOptions(notification));
      live.add(shown);
      shown.on('click', () => {
        live.delete(shown);
        focusWindow();
      });
      shown.on('close', () => {
        live.delete(shown);
      });
      shown.show();
    },
    dispose() {
      for (const shown of live) shown.close();
      live.clear();
    },
  };
}
