/**
 * Any emoji, searchable, the recently picked first: frimousse's headless picker over
 * emojibase data that the app serves itself (build/build.mjs copies it; the CSP allows no
 * other origin). Keyboard: the search box has the focus, arrows move through the grid,
 * Enter picks, Escape closes. What is picked is remembered in the preferences.
 */
import { EmojiPicker as Frimousse } from 'frimousse';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { withRecentEmoji } from '../state/completion.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

/** Where the emojibase files are, next to the page (works under headless mode's secret path and app://). */
export function emojibaseUrl(): string {
  return new URL('emojibase', document.baseURI).href.replace(/\/$/, '');
}

/**
 * frimousse 0.4 counts grid rows and columns from 0; ARIA counts them from 1
 * (WAI-ARIA 1.2, aria-rowindex / aria-colindex: "greater than or equal to 1"), and axe
 * calls 0 a critical error.
 */
function fromOne(index: number | undefined): number | undefined {
  return index === undefined ? undefined : index + 1;
}

export interface EmojiPickerProps {
  /** The picker's name for screen readers ("Emoji", "Choose a reaction"). */
  readonly label: string;
  readonly onPick: (emoji: string) => void;
  readonly onClose: () => void;
}

export function EmojiPicker({ label, onPick, onClose }: EmojiPickerProps) {
  const actions = useActions();
  const t = useT();
  const recent = useAppStore('preferences', (state) => state.preferences.recentEmoji);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);

  const pick = (emoji: string): void => {
    actions.setPreferences({ recentEmoji: withRecentEmoji(recent, emoji) })
      .catch((error: unknown) => console.warn('recent emoji not saved', error));
    onPick(emoji);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="emoji-picker" role="dialog" aria-label={label} onKeyDown={onKeyDown}>
      {recent.length > 0 ? (
        <div className="emoji-recent" role="group" aria-label={t('emoji.recent')}>
          {recent.slice(0, 16).map((emoji) => (
            <button key={emoji} type="button" className="emoji-button" aria-label={emoji} onClick={() => pick(emoji)}>{emoji}</button>
          ))}
        </div>
      ) : null}
      <Frimousse.Root className="emoji-root" emojibaseUrl={emojibaseUrl()} locale="en" columns={8} onEmojiSelect={({ emoji }) => pick(emoji)}>
        <Frimousse.Search ref={search} className="emoji-search" aria-label={t('emoji.search')} placeholder={t('emoji.search')} />
        <Frimousse.Viewport className="emoji-viewport">
          <Frimousse.Loading className="emoji-status">{t('emoji.loading')}</Frimousse.Loading>
          <Frimousse.Empty className="emoji-status">{t('emoji.none')}</Frimousse.Empty>
          <Frimousse.List className="emoji-list" components={{
            CategoryHeader: ({ category, ...props }) => <div className="emoji-category" {...props}>{category.label}</div>,
            Row: ({ children, ...props }) => (
              <div className="emoji-row" {...props} aria-rowindex={fromOne(props['aria-rowindex'])}>{children}</div>
            ),
            Emoji: ({ emoji, ...props }) => (
              <button type="button" className="emoji-button" aria-label={emoji.label} title={emoji.label} {...props}
                aria-colindex={fromOne(props['aria-colindex'])}>{emoji.emoji}</button>
            ),
          }} />
        </Frimousse.Viewport>
      </Frimousse.Root>
      <button type="button" className="small-button emoji-close" onClick={onClose}>{t('common.close')}</button>
    </div>
  );
}
