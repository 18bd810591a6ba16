//! A file written in large aligned blocks that bypass the page cache (`O_DIRECT`).
//!
//! A corpus run writes gigabytes that nothing reads back soon. Written through the page
//! cache, every byte is first copied into freshly allocated cache pages and later written
//! back by the kernel: on the machine of benches/README.md that copy alone cost 18–27 s of
//! system time for the 7.9 GB of a 100,000-article run, a third of the run's CPU. Direct
//! writes go from this writer's buffer to the disk.
//!
//! Outputs smaller than one block (every report of a single comparison) are written once,
//! normally, when finished. Where the operating system or file system refuses direct I/O,
//! the blocks are written normally too; the file's bytes are the same either way.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;

/// Direct I/O wants the buffer's address, the file offset and the length to be multiples
/// of the device's logical block size: 4 KiB is one for every common device.
const ALIGN: usize = 4096;

/// Bytes per direct write. A direct write waits for the device, so a block should take
/// far longer to transfer than a write's fixed latency.
pub const BLOCK: usize = 4 << 20;

/// The buffer starts this small and grows to a block, so that small outputs stay small.
const FIRST_CAPACITY: usize = 64 << 10;

/// Writes a file block by block, directly where it can, the tail normally at the end.
///
/// The file must be empty and written only through this writer: it writes at offsets of
/// its own.
pub struct BlockWriter {
    file: File,
    /// Bytes per block: [`BLOCK`], or a smaller multiple of [`ALIGN`] in tests.
    block: usize,
    /// Whether the file's descriptor has `O_DIRECT` set; set before the first block.
    direct: Direct,
    /// Padding up to an aligned address, then the bytes buffered; its capacity is
    /// enough for a block after the padding, so it never moves while filling.
    storage: Vec<u8>,
    /// Where in `storage` the aligned buffer starts.
    start: usize,
    /// Bytes written to the file, always a multiple of `block`.
    written: u64,
}

/// Whether blocks go to the disk directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direct {
    /// No block written yet.
    NotTried,
    /// `O_DIRECT` is set on the descriptor.
    On,
    /// Refused by the system or the file system: blocks go through the page cache.
    Refused,
}

impl BlockWriter {
    /// A writer of `file`, which must be empty.
    pub fn new(file: File) -> BlockWriter {
        BlockWriter::with_block(file, BLOCK)
    }

    fn with_block(file: File, block: usize) -> BlockWriter {
        debug_assert!(block % ALIGN == 0 && block > 0);
        BlockWriter {
            file,
            block,
            direct: Direct::NotTried,
            storage: Vec::new(),
            start: 0,
            written: 0,
        }
    }

    /// Writes what is buffered and turns direct I/O off again; returns the file, whose
    /// contents are then complete (not yet synced).
    pub fn finish(self) -> io::Result<File> {
        if self.direct == Direct::On {
            // The tail is not a whole block: it goes through the page cache.
            set_direct(&self.file, false)?;
        }
        let tail = self.storage.get(self.start..).unwrap_or_default();
        self.file.write_all_at(tail, self.written)?;
        Ok(self.file)
    }

    /// Bytes buffered.
    fn filled(&self) -> usize {
        self.storage.len().saturating_sub(self.start)
    }

    /// Makes room for `wanted` more bytes (up to a block) in the buffer.
    fn reserve(&mut self, wanted: usize) {
        let needed = (self.filled() + wanted).min(self.block);
        if self.start + needed <= self.storage.capacity() {
            return;
        }
        let capacity = needed
            .next_power_of_two()
            .clamp(FIRST_CAPACITY.min(self.block), self.block);
        // Filled by copying, never zeroed first.
        let mut storage: Vec<u8> = Vec::with_capacity(capacity + ALIGN);
        // Never more than ALIGN in practice; if the address could not be aligned, the
        // direct write is refused and the block written normally.
        let start = storage.as_ptr().align_offset(ALIGN).min(ALIGN);
        storage.resize(start, 0);
        storage.extend_from_slice(self.storage.get(self.start..).unwrap_or_default());
        self.storage = storage;
        self.start = start;
    }

    /// Writes the full buffer as one block.
    fn write_block(&mut self) -> io::Result<()> {
        let block = self.storage.get(self.start..).unwrap_or_default();
        if self.direct == Direct::NotTried {
            self.direct = match set_direct(&self.file, true) {
                Ok(()) => Direct::On,
                Err(_) => Direct::Refused,
            };
        }
        let mut written = false;
        if self.direct == Direct::On {
            match self.file.write_all_at(block, self.written) {
                Ok(()) => written = true,
                // The file system took the flag but not this write (an alignment it
                // needs beyond 4 KiB): the same block again, through the page cache.
                Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                    set_direct(&self.file, false)?;
                    self.direct = Direct::Refused;
                }
                Err(e) => return Err(e),
            }
        }
        if !written {
            self.file.write_all_at(block, self.written)?;
        }
        self.written += block.len() as u64;
        self.storage.truncate(self.start);
        Ok(())
    }
}

impl Write for BlockWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // A full block goes out before more is taken, so that an error takes nothing.
        if self.filled() == self.block {
            self.write_block()?;
        }
        self.reserve(buf.len());
        let taken = buf.len().min(self.block - self.filled());
        self.storage.extend_from_slice(&buf[..taken]);
        Ok(taken)
    }

    /// Whole blocks only: the rest waits for more or for [`BlockWriter::finish`].
    fn flush(&mut self) -> io::Result<()> {
        if self.filled() == self.block {
            self.write_block()?;
        }
        Ok(())
    }
}

/// Turns `O_DIRECT` on or off for `file`'s descriptor.
#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> io::Result<()> {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    let flags = fcntl_getfl(file)?;
    let flags = if on {
        flags | OFlags::DIRECT
    } else {
        flags - OFlags::DIRECT
    };
    Ok(fcntl_setfl(file, flags)?)
}

/// Elsewhere, writes go through the system's cache.
#[cfg(not(target_os = "linux"))]
fn set_direct(_file: &File, on: bool) -> io::Result<()> {
    if on {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// Writes `pieces` through a writer of `block` bytes per block, starting in state
    /// `direct`; returns what the file holds then and whether its blocks went directly.
    fn write_pieces(
        pieces: &[Vec<u8>],
        block: usize,
        direct: Direct,
        dir: &std::path::Path,
    ) -> (Vec<u8>, Direct) {
        let mut file = tempfile::tempfile_in(dir).expect("temporary file");
        let mut writer = BlockWriter::with_block(file.try_clone().expect("clone"), block);
        writer.direct = direct;
        for piece in pieces {
            writer.write_all(piece).expect("write");
        }
        writer.flush().expect("flush");
        let direct = writer.direct;
        writer.finish().expect("finish");
        let mut read = Vec::new();
        file.read_to_end(&mut read).expect("read back");
        (read, direct)
    }

    #[test]
    fn a_large_output_is_written_whole_in_blocks() {
        // Not divisible by the block: the tail goes through the page cache.
        let text: Vec<u8> = (0..100_003u32).map(|i| (i % 251) as u8).collect();
        let pieces: Vec<Vec<u8>> = text.chunks(999).map(<[u8]>::to_vec).collect();
        let dir = std::env::current_dir().expect("current directory");
        let (read, direct) = write_pieces(&pieces, 3 * ALIGN, Direct::NotTried, &dir);
        assert_eq!(read, text);
        assert_ne!(direct, Direct::NotTried, "blocks were written");
        // The crate's directory is on a disk, where Linux takes direct I/O.
        eprintln!("direct I/O: {direct:?}");
    }

    #[test]
    fn where_direct_io_is_refused_the_same_bytes_go_through_the_cache() {
        let text: Vec<u8> = (0..50_000u32).map(|i| (i % 13) as u8 + b'a').collect();
        let dir = std::env::current_dir().expect("current directory");
        let (read, direct) = write_pieces(
            std::slice::from_ref(&text),
            2 * ALIGN,
            Direct::Refused,
            &dir,
        );
        assert_eq!(read, text);
        assert_eq!(direct, Direct::Refused);
    }

    #[test]
    fn a_small_output_is_written_once_at_the_end() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let (read, direct) = write_pieces(
            &[b"{\"version\":1}\n".to_vec()],
            BLOCK,
            Direct::NotTried,
            dir.path(),
        );
        assert_eq!(read, b"{\"version\":1}\n");
        assert_eq!(direct, Direct::NotTried);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn the_file_holds_exactly_what_was_written(
            pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..5000), 0..40),
            blocks in 1usize..4,
        ) {
            let dir = std::env::current_dir().expect("current directory");
            let (read, _) = write_pieces(&pieces, blocks * ALIGN, Direct::NotTried, &dir);
            prop_assert_eq!(read, pieces.concat());
        }
    }
}
