/** The time formats of the user's Clock setting (renderer/state/timeFormat.ts), for a view. */
import { timeFormats, type TimeFormats } from '../state/timeFormat.js';
import { useAppStore } from './AppContext.js';

export function useTimeFormats(): TimeFormats {
  const clock = useAppStore('preferences', (state) => state.preferences.clock);
  return timeFormats(clock);
}
