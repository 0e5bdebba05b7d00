/**
 * A picture for a person: the network's avatar where the core has one (a data: URL the
 * bridge checked), else their initials on the colour of their id, in a text colour that
 * meets WCAG AA on it. Decorative: the row next to it says the name. `children` are drawn
 * over its corner (the presence dot).
 */
import { memo, type ReactNode } from 'react';
import { safeAvatarUrl } from '../state/contacts.js';
import { colourFromId, textColourOn } from '../state/identityColour.js';
import { initials } from '../state/initials.js';

export interface AvatarProps {
  /** What the colour is derived from: the network id of the contact or sender. */
  readonly id: string;
  readonly name: string;
  readonly imageUrl?: string | undefined;
  readonly size?: 'small' | 'normal';
  readonly children?: ReactNode;
}

export const Avatar = memo(function Avatar({ id, name, imageUrl, size = 'normal', children }: AvatarProps) {
  const image = safeAvatarUrl(imageUrl);
  const colour = colourFromId(id);
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {image !== null ? <img src={image} alt="" draggable={false} />
        // Drawn by CSS from data-initials: the letters stay out of the row's text (copy, find, tests of what it says).
        : <span className="avatar-initials" data-initials={initials(name)} style={{ backgroundColor: colour, color: textColourOn(colour) }} />}
      {children}
    </span>
  );
});
