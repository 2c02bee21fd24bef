//! Where uploaded files live: a directory under the data directory by default, or an
//! S3-compatible bucket, through `object_store`. Files go in and out as streams, so a 100 MB
//! upload or download never sits whole in memory, and an upload that fails for any reason
//! leaves nothing behind.

use std::ops::Range;
use std::path::Path as FsPath;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{
    GetOptions, GetRange, GetResultPayload, ObjectStore, ObjectStoreExt, WriteMultipart,
};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::domain::file_type::{self, FileType};

/// Local reads go out in chunks this large: big enough that a download runs at disk speed,
/// small enough that many at once stay light.
const READ_CHUNK: usize = 256 * 1024;

#[derive(Clone, Debug)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the file's content is not an allowed type")]
    NotAllowed,
    #[error("the file is empty")]
    Empty,
    /// The client's stream broke off; nothing was kept.
    #[error("the upload was interrupted: {0}")]
    Interrupted(String),
    #[error(transparent)]
    Storage(#[from] object_store::Error),
}

/// A file stored whole, its type proven by its content.
#[derive(Debug, Clone)]
pub struct Received {
    pub key: String,
    pub file_type: FileType,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
}

/// A stream of (part of) a stored file.
pub struct Reading {
    pub body: futures_util::stream::BoxStream<'static, std::io::Result<Bytes>>,
    /// Bytes of the whole file.
    pub size: u64,
}

impl Blobs {
    /// `s3://bucket/prefix` (region, credentials and `AWS_ENDPOINT` for S3-compatible services
    /// from the usual `AWS_*` environment variables), or else a local directory, created when
    /// missing.
    pub fn open(location: &str) -> Result<Blobs, object_store::Error> {
        if location.starts_with("s3://") {
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_url(location)
                .build()?;
            let prefix = Path::from_url_path(url_path(location))?;
            return Ok(Blobs {
                store: Arc::new(object_store::prefix::PrefixStore::new(store, prefix)),
            });
        }
        let dir = location.strip_prefix("file://").unwrap_or(location);
        Blobs::local(FsPath::new(dir))
    }

    pub fn local(dir: &FsPath) -> Result<Blobs, object_store::Error> {
        std::fs::create_dir_all(dir).map_err(|e| object_store::Error::Generic {
            store: "local",
            source: Box::new(e),
        })?;
        Ok(Blobs {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
        })
    }

    /// Streams `body` into a new file of at most `limit` bytes. The first bytes decide the type
    /// before anything is written; on any failure the partial upload is aborted.
    pub async fn receive<S>(
        &self,
        body: S,
        declared_name: &str,
        limit: u64,
    ) -> Result<Received, UploadError>
    where
        S: Stream<Item = Result<Bytes, UploadError>>,
    {
        let mut body = Box::pin(body);
        let head = read_head(&mut body, limit).await?;
        let file_type = file_type::sniff(&head, declared_name).ok_or(UploadError::NotAllowed)?;
        let key = format!("assets/{}", crate::domain::token::generate());
        let upload = self.store.put_multipart(&Path::from(key.as_str())).await?;
        let mut writer = WriteMultipart::new(upload);
        match copy(&mut writer, head, &mut body, limit).await {
            Ok((size, sha256)) => {
                writer.finish().await?;
                Ok(Received {
                    key,
                    file_type,
                    file_name: file_type::safe_file_name(declared_name, file_type),
                    size: size as i64,
                    sha256,
                })
            }
            Err(e) => {
                if let Err(abort) = writer.abort().await {
                    tracing::warn!(error = %abort, key, "could not abort a failed upload");
                }
                Err(e)
            }
        }
    }

    /// Stores bytes already in memory (demo data, small files).
    pub async fn put(&self, bytes: &[u8], declared_name: &str) -> Result<Received, UploadError> {
        let chunks = futures_util::stream::iter([Ok(Bytes::copy_from_slice(bytes))]);
        self.receive(chunks, declared_name, u64::MAX).await
    }

    /// Opens a file, or `range` of it, for streaming out.
    pub async fn read(
        &self,
        key: &str,
        range: Option<Range<u64>>,
    ) -> Result<Reading, object_store::Error> {
        let options = GetOptions {
            range: range.clone().map(GetRange::Bounded),
            ..GetOptions::default()
        };
        let got = self.store.get_opts(&Path::from(key), options).await?;
        let size = got.meta.size;
        let served = got.range.clone();
        let body = match got.payload {
            // object_store reads local files 8 KiB at a time on the blocking pool; reading
            // the file directly in large chunks is what makes downloads run at disk speed.
            GetResultPayload::File(file, _) => local_stream(file, served).await?,
            GetResultPayload::Stream(_) => got.into_stream().map_err(std::io::Error::other).boxed(),
        };
        Ok(Reading { body, size })
    }

    /// Stores a local file as it is (a report, its type checked by the caller), under a new key.
    pub async fn put_file(&self, path: &FsPath, prefix: &str) -> Result<String, UploadError> {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| UploadError::Interrupted(e.to_string()))?;
        let key = format!("{prefix}/{}", crate::domain::token::generate());
        let upload = self.store.put_multipart(&Path::from(key.as_str())).await?;
        let mut writer = WriteMultipart::new(upload);
        let mut chunks = tokio_util::io::ReaderStream::with_capacity(file, READ_CHUNK);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| UploadError::Interrupted(e.to_string()))?;
            writer.wait_for_capacity(4).await?;
            writer.put(chunk);
        }
        writer.finish().await?;
        Ok(key)
    }

    /// Copies a stored file to a local path, for readers that need a file (a workbook seeks).
    pub async fn fetch_to(&self, key: &str, path: &FsPath) -> Result<(), object_store::Error> {
        let local = |e: std::io::Error| object_store::Error::Generic {
            store: "local",
            source: Box::new(e),
        };
        let mut reading = self.read(key, None).await?;
        let mut file = tokio::fs::File::create(path).await.map_err(local)?;
        while let Some(chunk) = reading.body.next().await {
            tokio::io::AsyncWriteExt::write_all(&mut file, &chunk.map_err(local)?)
                .await
                .map_err(local)?;
        }
        tokio::io::AsyncWriteExt::flush(&mut file)
            .await
            .map_err(local)
    }

    /// Removes a file; one already gone is not an error.
    pub async fn delete(&self, key: &str) {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => tracing::warn!(error = %e, key, "could not delete a stored file"),
        }
    }
}

fn url_path(location: &str) -> &str {
    let rest = location.trim_start_matches("s3://");
    rest.split_once('/').map_or("", |(_, path)| path)
}

/// Reads until `SNIFF_LEN` bytes or the end, whichever comes first.
async fn read_head<S>(body: &mut S, limit: u64) -> Result<Vec<u8>, UploadError>
where
    S: Stream<Item = Result<Bytes, UploadError>> + Unpin,
{
    let mut head = Vec::with_capacity(file_type::SNIFF_LEN);
    while head.len() < file_type::SNIFF_LEN {
        match body.next().await.transpose()? {
            Some(chunk) => head.extend_from_slice(&chunk),
            None => break,
        }
        if head.len() as u64 > limit {
            return Err(UploadError::TooLarge);
        }
    }
    if head.is_empty() {
        return Err(UploadError::Empty);
    }
    Ok(head)
}

/// Writes the head and the rest of the body, hashing as it goes; returns size and hex SHA-256.
async fn copy<S>(
    writer: &mut WriteMultipart,
    head: Vec<u8>,
    body: &mut S,
    limit: u64,
) -> Result<(u64, String), UploadError>
where
    S: Stream<Item = Result<Bytes, UploadError>> + Unpin,
{
    let mut hasher = Sha256::new();
    let mut size = head.len() as u64;
    hasher.update(&head);
    writer.put(Bytes::from(head));
    while let Some(chunk) = body.next().await.transpose()? {
        size += chunk.len() as u64;
        if size > limit {
            return Err(UploadError::TooLarge);
        }
        hasher.update(&chunk);
        // Bounds the parts in flight, so a fast client cannot fill memory ahead of storage.
        writer.wait_for_capacity(4).await?;
        writer.put(chunk);
    }
    Ok((size, hex::encode(hasher.finalize())))
}

async fn local_stream(
    file: std::fs::File,
    range: Range<u64>,
) -> Result<futures_util::stream::BoxStream<'static, std::io::Result<Bytes>>, object_store::Error> {
    let mut file = tokio::fs::File::from_std(file);
    file.seek(std::io::SeekFrom::Start(range.start))
        .await
        .map_err(|e| object_store::Error::Generic {
            store: "local",
            source: Box::new(e),
        })?;
    let limited = file.take(range.end - range.start);
    Ok(tokio_util::io::ReaderStream::with_capacity(limited, READ_CHUNK).boxed())
}

/// A file of this instance's own for the length of a task (an upload being checked, a stored
/// report being read): removed when dropped, however the task ends.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    pub fn new() -> Scratch {
        let name = format!("portico-{}", crate::domain::token::generate());
        Scratch(std::env::temp_dir().join(name))
    }

    pub fn path(&self) -> &FsPath {
        &self.0
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
