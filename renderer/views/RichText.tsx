/**
 * Renders rich nodes (from the sanitizer or linkify) as React elements, every text with its
 * hidden characters shown as markers (also inside links). Links do not navigate: a click
 * asks, in the "Open link" dialog, showing the real destination and the link's text.
 */
import { createElement, type MouseEvent, type ReactNode } from 'react';
import { plainText, type RichNode } from '../content/richNodes.js';
import { VisibleText } from './VisibleText.js';

export interface RichTextProps {
  readonly nodes: readonly RichNode[];
  readonly onOpenLink: (href: string, text: string) => void;
}

function render(nodes: readonly RichNode[], onOpenLink: RichTextProps['onOpenLink'], prefix: string): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${prefix}${index}`;
    switch (node.type) {
      case 'text':
        return <VisibleText key={key} text={node.text} />;
      case 'link': {
        const text = plainText(node.children);
        const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
          event.preventDefault();
          onOpenLink(node.href, text);
        };
        return (
          <a key={key} href={node.href} rel="noopener noreferrer" title={node.href} onClick={onClick}>
            {render(node.children, onOpenLink, `${key}.`)}
          </a>
        );
      }
      case 'element':
        if (node.tag === 'br') return <br key={key} />;
        return createElement(node.tag, { key, className: node.className }, ...render(node.children, onOpenLink, `${key}.`));
    }
  });
}

/** One message's text, isolated from the sender's name and the rest of the line. */
export function RichText({ nodes, onOpenLink }: RichTextProps) {
  return <bdi>{render(nodes, onOpenLink, '')}</bdi>;
}
