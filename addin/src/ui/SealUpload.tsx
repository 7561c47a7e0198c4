// Upload of the signed and sealed page's scan (PDF/PNG/JPEG) with a progress bar.
import { useRef, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, ProgressBar, Text } from '@fluentui/react-components';
import { MAX_BODY_BYTES, SEAL_CONTENT_TYPES, type Seal } from '../../../shared/api/contract';
import { ApiError, type ApiClient } from '../api/client';

const BY_EXT: Record<string, (typeof SEAL_CONTENT_TYPES)[number]> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export function sealContentType(file: { name: string; type: string }): (typeof SEAL_CONTENT_TYPES)[number] | null {
  if ((SEAL_CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type as (typeof SEAL_CONTENT_TYPES)[number];
  return BY_EXT[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

export function SealUpload(props: {
  api: ApiClient;
  campaignId: string;
  unitId: string;
  version: number;
  seal: Seal | null;
  onDone: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Seal | null>(props.seal);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const type = sealContentType(file);
    if (!type) return setError('请上传 PDF、PNG 或 JPEG 格式的扫描件。');
    if (file.size > MAX_BODY_BYTES) return setError('扫描件不能超过 10 MB，请降低扫描分辨率后重试。');
    setProgress(0);
    try {
      const { seal } = await props.api.upload(
        'seal',
        { campaignId: props.campaignId, unitId: props.unitId, version: props.version },
        file,
        type,
        setProgress,
      );
      setDone(seal);
      props.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Field label="盖章页扫描件" hint="打印签字盖章页，由单位主要负责人签字并加盖公章后扫描上传（PDF、PNG 或 JPEG，不超过 10 MB）。">
      <input
        ref={input}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        hidden
        onChange={(e) => void pick(e.target.files?.[0])}
        data-testid="seal-file"
      />
      <Button onClick={() => input.current?.click()} disabled={progress !== null}>
        {done ? '重新上传扫描件' : '上传扫描件'}
      </Button>
      {progress !== null && <ProgressBar value={progress} max={1} thickness="large" data-testid="seal-progress" />}
      {progress !== null && <Text size={200}>正在上传 {Math.round(progress * 100)}%</Text>}
      {done && progress === null && (
        <Text size={200} data-testid="seal-done">
          已上传（{Math.ceil(done.bytes / 1024)} KB，{done.at.slice(0, 10)}）
        </Text>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Field>
  );
}
