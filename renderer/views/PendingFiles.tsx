/**
 * Files pasted or dropped into the composer, before they are sent: each with a preview (an
 * image drawn from the local file; nothing leaves the machine before "Send"), its name and
 * size, and "Send file" / "Don’t send". Sending goes the same way as "Attach file" (actions.sendFile).
 */
import { useEffect, useMemo } from 'react';
import { formatSize } from '../state/messageRules.js';
import { fileNameOf } from '../state/fileUploads.js';
import { useT } from '../i18n/index.js';

export interface PendingFilesProps {
  readonly files: readonly File[];
  readonly onSend: () => void;
  readonly onCancel: () => void;
}

function ImagePreview({ file }: { readonly file: File }) {
  const t = useT();
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img className="pending-preview" src={url} alt={t('files.preview', { name: fileNameOf(file) })} />;
}

export function PendingFiles({ files, onSend, onCancel }: PendingFilesProps) {
  const t = useT();
  if (files.length === 0) return null;
  const label = files.length === 1 ? t('files.askOne', { name: fileNameOf(files[0] ?? new File([], 'file')) }) : t('files.askMany', { count: files.length });
  return (
    <section className="pending-files" aria-label={t('files.toSend')}>
      <p className="pending-question">{label}</p>
      <ul className="pending-list">
        {files.map((file, index) => (
          <li key={`${index}-${file.name}`} className="pending-file">
            {file.type.startsWith('image/') ? <ImagePreview file={file} /> : <span className="pending-icon" aria-hidden="true">📄</span>}
            <span className="pending-name">{fileNameOf(file)}</span>
            <span className="pending-size">{formatSize(file.size)}</span>
          </li>
        ))}
      </ul>
      <div className="pending-buttons">
        <button type="button" className="primary" onClick={onSend}>{t('files.send', { count: files.length })}</button>
        <button type="button" className="small-button" onClick={onCancel}>{t('files.dontSend')}</button>
      </div>
    </section>
  );
}
