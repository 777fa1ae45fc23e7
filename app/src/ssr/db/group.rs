//! Group commit: concurrent writes of the same kind share one transaction and so one disk
//! flush. A durable commit costs a flush (SQLite's `synchronous=FULL` syncs the log on every
//! commit), and SQLite takes one writer at a time, so a write a transaction caps the whole
//! process at the disk's flushes per second. Here one task takes every write that is waiting,
//! runs each inside its own savepoint (a write that fails is rolled back alone and fails alone),
//! commits once, and only then answers each caller: nobody hears "done" before their write is
//! on disk, and a failed commit answers every caller of the batch with an error.
//!
//! There is no waiting for company: a batch is whatever queued while the previous one was
//! committing, so a lone write goes at once and a busy moment forms large batches by itself.
//! Writes within a batch take their meetings' locks in id order, so batches of several server
//! processes on one PostgreSQL database cannot deadlock on each other.

use super::{Backend, StoreError};
use crate::ssr::ServerError;
use sqlx::AnyConnection;
use sqlx::{AnyPool, Executor};
use std::future::Future;
use std::pin::Pin;
use tokio::sync::{mpsc, oneshot};

/// The most writes one transaction takes: bounds how long the write lock is held.
const MAX_BATCH: usize = 256;
/// Writes waiting beyond this make their callers wait to queue (back-pressure, not memory).
const QUEUE: usize = 4_096;

pub type Step<'c, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'c>>;

/// A write's statements, given the batch's connection inside a savepoint.
type Work = Box<
    dyn for<'c> FnOnce(&'c mut AnyConnection) -> Pin<Box<dyn Future<Output = Ran> + Send + 'c>>
        + Send,
>;

/// A write once its statements ran: whether they failed (its savepoint is then rolled back),
/// and how to tell its caller once the batch's commit is known.
struct Ran {
    failed: bool,
    tell: Tell,
}

/// Answers a write's caller, given whether its batch committed (and why not).
type Tell = Box<dyn FnOnce(Result<(), &str>) + Send>;

struct Job {
    /// Locks are taken in this order within a batch (the meeting's id).
    order: String,
    work: Work,
}

#[derive(Debug, Clone)]
pub(super) struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the committing task on `pool`; it ends when the last handle is dropped.
    pub(super) fn start(pool: AnyPool, backend: Backend) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, backend, queue));
        Self { jobs }
    }

    /// Runs `work` in the next batch and answers once that batch has committed.
    pub(super) async fn write<T, F>(&self, order: String, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> Step<'c, T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel::<Result<T, StoreError>>();
        let work: Work = Box::new(move |conn| {
            Box::pin(async move {
                let result = work(conn).await;
                Ran {
                    failed: result.is_err(),
                    tell: Box::new(move |committed| {
                        let outcome = match (result, committed) {
                            (Ok(value), Ok(())) => Ok(value),
                            // a failed write's own error stands, whatever the commit did
                            (Err(e), _) => Err(e),
                            (Ok(_), Err(why)) => Err(batch_failed(why)),
                        };
                        let _ = reply.send(outcome);
                    }),
                }
            })
        });
        self.jobs
            .send(Job { order, work })
            .await
            .map_err(|_| batch_failed("the group commit has stopped"))?;
        // A dropped sender means the batch never ran to its answer (a panic, a lost connection).
        answer
            .await
            .unwrap_or_else(|_| Err(batch_failed("the batch ended without an answer")))
    }
}

fn batch_failed(why: &str) -> StoreError {
    StoreError::Other(ServerError::GroupCommit(why.to_owned()))
}

async fn run(pool: AnyPool, backend: Backend, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut jobs: Vec<Job> = std::mem::take(&mut batch);
        jobs.sort_by(|a, b| a.order.cmp(&b.order));
        // its own task, so a panicking write fails its batch, not every write after it
        let committed = tokio::spawn(commit(pool.clone(), backend, jobs)).await;
        if let Err(e) = committed {
            tracing::error!(error = %e, "a group commit batch panicked");
        }
    }
}

async fn commit(pool: AnyPool, backend: Backend, jobs: Vec<Job>) {
    let mut tx = match super::begin_write_on(&pool, backend).await {
        Ok(tx) => tx,
        Err(e) => {
            tracing::error!(error = %e, "group commit: could not begin");
            return; // dropping the jobs answers each caller with an error
        }
    };
    let mut answers = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Err(e) = (&mut *tx).execute("SAVEPOINT grouped").await {
            tracing::error!(error = %e, "group commit: savepoint");
            return;
        }
        let ran = (job.work)(&mut tx).await;
        let ends: &[&str] = if ran.failed {
            &["ROLLBACK TO SAVEPOINT grouped", "RELEASE SAVEPOINT grouped"]
        } else {
            &["RELEASE SAVEPOINT grouped"]
        };
        for end in ends {
            if let Err(e) = (&mut *tx).execute(*end).await {
                tracing::error!(error = %e, "group commit: {end}");
                return;
            }
        }
        answers.push(ran.tell);
    }
    let committed = tx.commit().await.map_err(|e| {
        tracing::error!(error = %e, size = answers.len(), "group commit: commit failed");
        "the batch's commit failed"
    });
    for tell in answers {
        tell(committed);
    }
}
