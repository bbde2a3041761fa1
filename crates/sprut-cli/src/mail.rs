//! `sprut mail`: sending the outbox from the command line (e.g. from cron, or to check the
//! mail settings) and its totals.

use crate::cli::{MailArgs, MailCommand};
use anyhow::Context;
use sprut_core::mail::MailStore;
use sprut_server::mail::{dispatch_due, Mailer};
use sprut_store::Db;

/// The mailer for `--smtp` and `--mail-from`, `None` when neither is given.
pub fn mailer(args: &MailArgs) -> anyhow::Result<Option<Mailer>> {
    Ok(Mailer::from_options(args.smtp.as_deref(), args.mail_from.as_deref())?)
}

/// Runs one `mail` command.
pub async fn run(db: &Db, cmd: MailCommand) -> anyhow::Result<()> {
    match cmd {
        MailCommand::SendDue { mail } => {
            let mailer = mailer(&mail)?.context(
                "no mail server: give --smtp URL and --mail-from ADDRESS (or SPRUT_SMTP_URL and SPRUT_MAIL_FROM)",
            )?;
            let before = db.outbox_counts().await?;
            let bar = crate::audit::progress(before.pending.max(0) as u64, "sending letters");
            let now = time::OffsetDateTime::now_utc();
            let done = dispatch_due(db, &mailer, now, |d| bar.set_position(d.total())).await?;
            bar.finish_and_clear();
            let after = db.outbox_counts().await?;
            println!(
                "through {}: sent {}, failed and will be retried {}, given up {}; pending now {}, failed in all {}",
                mailer.server(),
                done.sent,
                done.retrying,
                done.gave_up,
                after.pending,
                after.failed
            );
            if done.retrying + done.gave_up > 0 {
                eprintln!(
                    "some letters were not sent: see the last errors with `sprut mail status` or on the Mail page"
                );
            }
        }
        MailCommand::Status => {
            let c = db.outbox_counts().await?;
            println!("pending {}, sent {}, failed {}", c.pending, c.sent, c.failed);
            let filter = sprut_core::outbox::OutboxFilter {
                status: Some(sprut_core::outbox::MessageStatus::Failed),
                ..Default::default()
            };
            let page = sprut_core::page::PageRequest { after: None, limit: Some(20) };
            use sprut_core::outbox::OutboxStore;
            for m in db.outbox(&filter, &page).await?.items {
                println!(
                    "failed {} to {} «{}» after {} attempts: {}",
                    m.id,
                    m.to_address,
                    m.subject,
                    m.attempts,
                    m.last_error.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
