/** Where a notification takes its reader: about a post, the post itself on its page, scrolled to. */
export function targetOf(notification: { url: string; postId: string | null }): string {
  return notification.postId && !notification.url.includes("#")
    ? `${notification.url}#post-${notification.postId}`
    : notification.url;
}
