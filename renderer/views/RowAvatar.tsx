/**
 * The avatar of a row in the message log or the buddy list, unless the user turned avatars
 * off in Settings (Appearance). Off, only `children` are drawn: the buddy list's presence
 * dot then stands by itself at the start of the row (styles.css `.presence-dot`), and a
 * sender's name starts the message line, so rows keep their layout without a gap.
 */
import { Avatar, type AvatarProps } from './Avatar.js';
import { useAppStore } from './AppContext.js';

export function RowAvatar(props: AvatarProps) {
  const shown = useAppStore('preferences', (state) => state.preferences.avatarsShown);
  return shown ? <Avatar {...props} /> : <>{props.children}</>;
}
