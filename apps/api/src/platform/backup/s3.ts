import fs from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type BackupEntry, MANIFEST_FILE } from './layout';

export type S3Destination = {
  bucket: string;
  prefix: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

/**
 * Copies one backup directory to `<prefix><name>/…`, manifest last so that a listing showing it
 * means the archives are all there. Retention off-site is the bucket's lifecycle rule.
 */
export async function uploadBackup(entry: BackupEntry, target: S3Destination): Promise<string[]> {
  const client = new S3Client({
    region: target.region,
    endpoint: target.endpoint,
    forcePathStyle: target.forcePathStyle,
    credentials: target.credentials,
    // Many S3-compatible servers reject the SDK's default extra checksums; send them when required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const names = fs
    .readdirSync(entry.dir)
    .sort((a, b) => Number(a === MANIFEST_FILE) - Number(b === MANIFEST_FILE));
  const keys: string[] = [];
  try {
    for (const name of names) {
      const file = path.join(entry.dir, name);
      const key = `${target.prefix}${entry.name}/${name}`;
      const sha256 = entry.manifest.checksums[name]?.sha256;
      await client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: fs.createReadStream(file),
          ContentLength: fs.statSync(file).size,
          Metadata: sha256 ? { sha256 } : undefined,
        }),
      );
      keys.push(key);
    }
  } finally {
    client.destroy();
  }
  return keys;
}
