import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { measure } from './measure';
import { type FileStorage, newStorageKey, type StagedFile } from './storage';

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
};

/**
 * Objects in an S3-compatible bucket. An upload streams (multipart beyond 5 MB, never whole in
 * memory) to a temporary key `tmp/<uuid>` while it is hashed and measured; once the caller's checks
 * pass, `commit` copies it server-side to its final key and deletes the temporary one. A final key
 * is therefore only ever written whole, by a copy; an interrupted upload leaves a temp object (or
 * an incomplete multipart upload, which the bucket's lifecycle rule should abort) that the orphan
 * sweep removes.
 */
export function createS3Storage(settings: S3Settings): FileStorage & { client: S3Client } {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  });
  const Bucket = settings.bucket;
  const remove = async (key: string) => {
    await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
  };

  return {
    client,

    async stage(stream: Readable, maxBytes: number): Promise<StagedFile> {
      const tempKey = `tmp/${randomUUID()}`;
      const meter = measure(stream, maxBytes);
      const body = new PassThrough();
      const upload = new Upload({ client, params: { Bucket, Key: tempKey, Body: body } });
      try {
        await Promise.all([pipeline(stream, body), upload.done()]);
        meter.assertComplete();
      } catch (error) {
        // Like a failed local write: stop reading the request, drop what was sent.
        if (!stream.destroyed) stream.destroy();
        await upload.abort().catch(() => undefined);
        await remove(tempKey).catch(() => undefined);
        throw meter.translate(error);
      }
      return { tempKey, ...meter.result() };
    },

    async commit(staged: StagedFile): Promise<string> {
      const key = newStorageKey(randomUUID());
      await client.send(
        new CopyObjectCommand({ Bucket, Key: key, CopySource: `${Bucket}/${encodeURI(staged.tempKey)}` }),
      );
      await remove(staged.tempKey);
      return key;
    },

    discard: (staged: StagedFile) => remove(staged.tempKey),
    remove,

    async read(key: string): Promise<Readable> {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error(`no readable body for ${key}`);
      return object.Body;
    },

    async list() {
      const objects: { key: string; temp: boolean; modifiedAt: Date }[] = [];
      let ContinuationToken: string | undefined;
      do {
        const listed = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const object of listed.Contents ?? []) {
          if (!object.Key) continue;
          objects.push({
            key: object.Key,
            temp: object.Key.startsWith('tmp/'),
            modifiedAt: object.LastModified ?? new Date(),
          });
        }
        ContinuationToken = listed.IsTruncated ? listed.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return objects;
    },

    async close() {
      client.destroy();
    },
  };
}
