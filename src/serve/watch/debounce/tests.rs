use super::super::tests::event;
use super::*;
use notify::event::{DataChange, Flag, MetadataKind, RemoveKind};
use std::collections::BTreeSet;

const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
const CLOSE: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
const CREATE: EventKind = EventKind::Create(CreateKind::File);
const REMOVE: EventKind = EventKind::Remove(RemoveKind::File);
const CHMOD: EventKind = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));

/// The events of `rename(from, to)` as notify reports them on Linux.
fn rename(from: &str, to: &str) -> [notify::Result<Event>; 3] {
    [
        event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &[from]),
        event(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &[to]),
        event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[from, to]),
    ]
}

/// A file written in place: truncated, written, closed.
fn write_in_place(path: &str) -> [notify::Result<Event>; 3] {
    [
        event(WRITE, &[path]),
        event(WRITE, &[path]),
        event(CLOSE, &[path]),
    ]
}

/// Microseconds after the start of a test's clock.
fn at(start: Instant, us: u64) -> Instant {
    start + Duration::from_micros(us)
}

fn us(d: Duration) -> u64 {
    d.as_micros() as u64
}

/// Runs the watcher thread's loop over events given with the time they come
/// (microseconds): a batch goes out as soon as it is due, between events or after the
/// last. Returns the batches with the time each went out.
fn run(events: Vec<(u64, notify::Result<Event>)>) -> Vec<(u64, Batch)> {
    let start = Instant::now();
    let mut d = Debouncer::default();
    let mut out = Vec::new();
    let mut flush = |d: &mut Debouncer, until: Option<Instant>| {
        while let Some(due) = d.due().filter(|due| until.is_none_or(|u| *due <= u)) {
            if let Some(b) = d.take(due) {
                out.push((us(due - start), b));
            }
        }
    };
    for (t, e) in events {
        flush(&mut d, Some(at(start, t)));
        d.add(e, at(start, t));
    }
    flush(&mut d, None);
    out
}

fn all_at(
    t: u64,
    events: impl IntoIterator<Item = notify::Result<Event>>,
) -> Vec<(u64, notify::Result<Event>)> {
    events.into_iter().map(|e| (t, e)).collect()
}

fn paths(b: &Batch) -> Vec<&str> {
    b.paths.iter().map(|p| p.to_str().unwrap()).collect()
}

#[test]
fn a_page_written_in_place_goes_out_after_the_short_settle() {
    let batches = run(all_at(1_000, write_in_place("/s/content/a.md")));
    assert_eq!(batches.len(), 1);
    let (sent, batch) = &batches[0];
    assert_eq!(*sent, 1_000 + us(SETTLE), "{SETTLE:?} after the save");
    assert_eq!(paths(batch), ["/s/content/a.md"]);
}

#[test]
fn a_save_through_a_temporary_file_is_one_batch_with_the_page() {
    // The temporary file is written and closed, then synced to disk for 30 ms (more
    // than the settle) before the rename: a new file closed may be about to be renamed.
    for tmp in ["/s/content/.goutputstream-X1", "/s/content/sedAb12Cd"] {
        let page = "/s/content/a.md";
        let mut events = vec![
            (0, event(CREATE, &[tmp])),
            (0, event(WRITE, &[tmp])),
            (100, event(CLOSE, &[tmp])),
        ];
        events.extend(all_at(30_100, rename(tmp, page)));
        let batches = run(events);
        assert_eq!(batches.len(), 1, "{tmp}: {batches:?}");
        let (sent, batch) = &batches[0];
        assert_eq!(*sent, 30_100 + us(SETTLE), "{tmp}");
        assert_eq!(paths(batch), {
            let mut p = vec![page, tmp];
            p.sort();
            p
        });
    }
}

#[test]
fn the_first_half_of_a_rename_waits_for_the_second() {
    // The two halves of a rename come in two reads of the kernel's queue.
    let tmp = "/s/content/.a.md.tmp";
    let mut events = vec![(0, event(CREATE, &[tmp])), (0, event(CLOSE, &[tmp]))];
    let [from, to, both] = rename(tmp, "/s/content/a.md");
    events.extend([(1_000, from), (9_000, to), (9_000, both)]);
    let batches = run(events);
    assert_eq!(batches.len(), 1, "{batches:?}");
    assert_eq!(batches[0].0, 9_000 + us(SETTLE));
}

#[test]
fn a_page_renamed_to_a_backup_waits_for_its_new_copy() {
    // vim: the page is renamed to `a.md~`, written again 10 ms later, given its mode,
    // and the backup removed.
    let page = "/s/content/a.md";
    let backup = "/s/content/a.md~";
    let mut events = all_at(0, rename(page, backup));
    events.extend(all_at(
        10_000,
        [
            event(CREATE, &[page]),
            event(WRITE, &[page]),
            event(CLOSE, &[page]),
        ],
    ));
    events.push((10_300, event(CHMOD, &[page])));
    events.push((10_600, event(REMOVE, &[backup])));
    let batches = run(events);
    assert_eq!(batches.len(), 1, "{batches:?}");
    assert_eq!(batches[0].0, 10_600 + us(SETTLE));
    assert_eq!(paths(&batches[0].1), [page, backup]);
}

#[test]
fn a_change_of_mode_right_after_the_write_is_in_the_same_batch() {
    let page = "/s/content/a.md";
    let mut events = all_at(0, write_in_place(page));
    events.push((1_000, event(CHMOD, &[page])));
    let batches = run(events);
    assert_eq!(batches.len(), 1, "{batches:?}");
    assert_eq!(batches[0].0, 1_000 + us(SETTLE));
    // Later than the settle: a second batch, which waits for the long pause.
    let mut events = all_at(0, write_in_place(page));
    events.push((10_000, event(CHMOD, &[page])));
    let sent: Vec<u64> = run(events).into_iter().map(|(t, _)| t).collect();
    assert_eq!(sent, [us(SETTLE), 10_000 + us(DEBOUNCE)]);
}

#[test]
fn a_burst_of_many_files_makes_a_few_batches() {
    // A `git checkout` of 2,000 fiches in a second: each removed, created, written and
    // closed. Then the same with a pause between files longer than the settle.
    for (files, gap) in [(2_000u64, 500u64), (200, 5_000)] {
        let mut events = Vec::new();
        for i in 0..files {
            let f = format!("/s/content/startups/s{i:04}.md");
            for kind in [REMOVE, CREATE, WRITE, CLOSE] {
                events.push((i * gap, event(kind, &[&f])));
            }
        }
        let batches = run(events);
        // One at once for the first file, then one per MAX_WAIT at most, and the end.
        let span = Duration::from_micros(files * gap);
        let most = 2 + span.as_millis().div_ceil(MAX_WAIT.as_millis()) as usize;
        assert!(
            batches.len() <= most,
            "{files} files, one every {gap} µs: {} batches, sent at {:?}",
            batches.len(),
            batches.iter().map(|(t, _)| t).collect::<Vec<_>>()
        );
        let seen: BTreeSet<&PathBuf> = batches.iter().flat_map(|(_, b)| &b.paths).collect();
        assert_eq!(seen.len() as u64, files);
    }
}

#[test]
fn a_stream_that_never_pauses_goes_out_every_max_wait() {
    let events: Vec<_> = (0..300u64)
        .map(|i| (i * 10_000, event(WRITE, &["/s/static/log.txt"])))
        .collect();
    let sent: Vec<u64> = run(events).into_iter().map(|(t, _)| t).collect();
    assert_eq!(sent.len(), 6, "{sent:?}");
    assert_eq!(sent[0], us(MAX_WAIT));
    for pair in sent.windows(2) {
        assert!(pair[1] - pair[0] <= us(MAX_WAIT) + 10_000, "{sent:?}");
    }
}

#[test]
fn what_the_events_cannot_tell_waits_for_the_long_pause() {
    let cases: [(&str, Vec<notify::Result<Event>>); 5] = [
        // A system that reports no closes (macOS, Windows): the write may go on.
        ("no close", vec![event(WRITE, &["/s/content/a.md"])]),
        // A new page: it may be a temporary file about to be renamed.
        (
            "new file",
            vec![
                event(CREATE, &["/s/content/b.md"]),
                event(CLOSE, &["/s/content/b.md"]),
            ],
        ),
        // A page removed: editors that rename it away may write it again.
        ("removed", vec![event(REMOVE, &["/s/content/a.md"])]),
        (
            "folder",
            vec![event(EventKind::Create(CreateKind::Folder), &["/s/content/x"])],
        ),
        (
            "lost events",
            vec![Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan))],
        ),
    ];
    for (what, events) in cases {
        let batches = run(all_at(0, events));
        assert_eq!(batches.len(), 1, "{what}");
        assert_eq!(batches[0].0, us(DEBOUNCE), "{what}");
    }
}

#[test]
fn reads_neither_open_a_batch_nor_hold_one_back() {
    let read = |p| event(EventKind::Access(AccessKind::Open(AccessMode::Any)), &[p]);
    let close = |p| event(EventKind::Access(AccessKind::Close(AccessMode::Read)), &[p]);
    assert!(run(all_at(0, [read("/s/content/a.md"), close("/s/content/a.md")])).is_empty());
    let mut events = all_at(0, write_in_place("/s/content/a.md"));
    events.extend((1..20).map(|i| (i * 500, read("/s/content/b.md"))));
    let batches = run(events);
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].0, us(SETTLE));
}

/// The events Linux really sends for each way of saving: the batch is whole only once
/// the page is in place, and then at once.
#[cfg(target_os = "linux")]
#[test]
fn real_saves_are_whole_once_the_page_is_in_place() {
    use notify::Watcher as _;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().canonicalize().unwrap();
    let page = dir.join("a.md");
    std::fs::write(&page, "avant").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    watcher.watch(&dir, notify::RecursiveMode::Recursive).unwrap();
    let saves: [(&str, &dyn Fn()); 4] = [
        ("in place", &|| std::fs::write(&page, "en place").unwrap()),
        ("temporary file renamed", &|| {
            let t = dir.join(".goutputstream-X1");
            std::fs::write(&t, "renommé").unwrap();
            std::fs::rename(&t, &page).unwrap();
        }),
        ("backup then write", &|| {
            let b = dir.join("a.md~");
            std::fs::rename(&page, &b).unwrap();
            std::fs::write(&page, "sauvegarde").unwrap();
            std::fs::remove_file(&b).unwrap();
        }),
        ("write then chmod", &|| {
            std::fs::write(&page, "mode").unwrap();
            let mode = std::fs::metadata(&page).unwrap().permissions();
            std::fs::set_permissions(&page, mode).unwrap();
        }),
    ];
    for (what, save) in saves {
        save();
        // Every event of the save, as the watcher's thread gets them.
        let mut events = Vec::new();
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(300)) {
            events.push(e);
        }
        let mut d = Debouncer::default();
        let now = Instant::now();
        let mut page_in_place = false;
        for e in events {
            let names_page = e.as_ref().is_ok_and(|e| e.paths.last() == Some(&page));
            let kind = e.as_ref().map(|e| e.kind).ok();
            d.add(e, now);
            page_in_place |= names_page
                && matches!(
                    kind,
                    Some(EventKind::Access(AccessKind::Close(AccessMode::Write)))
                        | Some(EventKind::Modify(ModifyKind::Name(
                            RenameMode::To | RenameMode::Both
                        )))
                );
            assert!(
                page_in_place || d.due() != Some(now + SETTLE),
                "{what}: would go out before the page is in place: {:?}",
                d.traces
            );
        }
        assert_eq!(d.due(), Some(now + SETTLE), "{what}: {:?}", d.traces);
        let batch = d.take(now + SETTLE).expect("a batch");
        assert!(batch.paths.contains(&page), "{what}: {batch:?}");
    }
}
