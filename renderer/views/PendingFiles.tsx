/**
 * Files pasted or dropped into the composer, before they are sent: each with a preview (an
 * image drawn from the local file; nothing leaves the machine before "Send"), its name and
 * size, and "Send file" / "Don’t send". Sending goes the same way as "Attach file" (actions.sendFile).
 */
import { useEffect, useMemo } from 'react';
import { formatSize } from '../state/messageRules.js';
import { fileNameOf } from '../state/fileUploads.js';

export interface PendingFilesProps {
  readonly files: readonly File[];
  readonly onSend: () => void;
  readonly onCancel: () => void;
}

function ImagePreview({ file }: { readonly file: File }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img className="pending-preview" src={url} alt={`Preview of ${fileNameOf(file)}`} />;
}

export function PendingFiles({ files, onSend, onCancel }: PendingFilesProps) {
  if (files.length === 0) return null;
  const label = files.length === 1 ? `Send ${fileNameOf(files[0] ?? new File([], 'file'))}?` : `Send ${files.length} files?`;
  return (
    <section className="pending-files" aria-label="Files to send">
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
        <button type="button" className="primary" onClick={onSend}>{files.length === 1 ? 'Send file' : `Send ${files.length} files`}</button>
        <button type="button" className="small-button" onClick={onCancel}>Don’t send</button>
      </div>
    </section>
  );
}
