//! Streaming text decoding of CSV bytes into UTF-8: UTF-8 with or without a BOM, UTF-16 with a
//! BOM, and Windows-1251, chosen by the user or detected.

use std::io::{self, Read};

/// How a CSV file's bytes are read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// A byte-order mark decides; else UTF-8 when the first non-ASCII bytes are valid UTF-8,
    /// Windows-1251 when they are not.
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    Utf8,
    /// Windows-1251 (Cyrillic, what Russian Excel and Bitrix24 write by default).
    Windows1251,
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "utf-8" | "utf8" => Ok(Self::Utf8),
            "windows-1251" | "cp1251" | "win1251" | "1251" => Ok(Self::Windows1251),
            other => Err(format!("unknown encoding '{other}'; expected auto, utf-8 or windows-1251")),
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Auto => "auto",
            Self::Utf8 => "utf-8",
            Self::Windows1251 => "windows-1251",
        })
    }
}

const CHUNK: usize = 64 * 1024;
/// How many bytes after the first non-ASCII byte are looked at to tell UTF-8 from Windows-1251.
const LOOKAHEAD: usize = 4096;

/// A reader that yields the UTF-8 text of another reader's bytes, in constant memory.
pub(crate) struct Decoding<R> {
    inner: R,
    choice: Encoding,
    input: Vec<u8>,
    in_start: usize,
    eof: bool,
    started: bool,
    decoder: Option<encoding_rs::Decoder>,
    used: Option<&'static encoding_rs::Encoding>,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// Bytes of input consumed, for error messages.
    offset: u64,
    /// Line breaks in the input consumed, for error messages.
    lines: u64,
    /// Whether the encoding was detected rather than chosen (a detected one is checked for mixing).
    detected: bool,
    done: bool,
}

impl<R: Read> Decoding<R> {
    /// Decodes `inner` as `choice` says.
    pub(crate) fn new(inner: R, choice: Encoding) -> Self {
        Self {
            inner,
            choice,
            input: Vec::with_capacity(CHUNK),
            in_start: 0,
            eof: false,
            started: false,
            decoder: None,
            used: None,
            output: vec![0; CHUNK * 3 + 16],
            out_start: 0,
            out_end: 0,
            offset: 0,
            lines: 0,
            detected: false,
            done: false,
        }
    }

    /// Marks `n` more bytes of input as consumed.
    fn consume(&mut self, n: usize) {
        self.lines += newlines(&self.input[self.in_start..self.in_start + n]);
        self.in_start += n;
        self.offset += n as u64;
    }

    /// The encoding in use, once decided (an all-ASCII start leaves it open).
    pub(crate) fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.used
    }

    /// Reads more input unless at its end; returns how many bytes came.
    fn fill(&mut self) -> io::Result<usize> {
        if self.eof {
            return Ok(0);
        }
        if self.in_start > 0 {
            self.input.drain(..self.in_start);
            self.in_start = 0;
        }
        let old = self.input.len();
        self.input.resize(old + CHUNK, 0);
        let n = loop {
            match self.inner.read(&mut self.input[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.input.truncate(old);
                    return Err(e);
                }
            }
        };
        self.input.truncate(old + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n)
    }

    fn pending(&self) -> &[u8] {
        &self.input[self.in_start..]
    }

    fn start_decoder(&mut self, encoding: &'static encoding_rs::Encoding) {
        self.decoder = Some(encoding.new_decoder_without_bom_handling());
        self.used = Some(encoding);
    }

    /// Skips a BOM, which decides the encoding whatever was asked; else applies a forced choice.
    fn sniff_bom(&mut self) -> io::Result<()> {
        while self.pending().len() < 3 && self.fill()? > 0 {}
        let boms: [(&[u8], &'static encoding_rs::Encoding); 3] = [
            (b"\xEF\xBB\xBF", encoding_rs::UTF_8),
            (b"\xFF\xFE", encoding_rs::UTF_16LE),
            (b"\xFE\xFF", encoding_rs::UTF_16BE),
        ];
        if let Some((bom, enc)) = boms.iter().find(|(bom, _)| self.pending().starts_with(bom)) {
            self.consume(bom.len());
            self.start_decoder(enc);
        } else {
            match self.choice {
                Encoding::Utf8 => self.start_decoder(encoding_rs::UTF_8),
                Encoding::Windows1251 => self.start_decoder(encoding_rs::WINDOWS_1251),
                Encoding::Auto => {}
            }
        }
        self.started = true;
        Ok(())
    }

    /// While undecided, passes ASCII through; at the first non-ASCII byte, decides.
    fn undecided_step(&mut self) -> io::Result<()> {
        if self.pending().is_empty() && self.fill()? == 0 {
            self.done = true;
            return Ok(());
        }
        let ascii = self.pending().iter().position(|b| !b.is_ascii()).unwrap_or(self.pending().len());
        if ascii > 0 {
            let n = ascii.min(self.output.len());
            self.output[..n].copy_from_slice(&self.input[self.in_start..self.in_start + n]);
            self.consume(n);
            self.out_start = 0;
            self.out_end = n;
            return Ok(());
        }
        while self.pending().len() < LOOKAHEAD && self.fill()? > 0 {}
        // UTF-8 when the line of the first non-ASCII byte is valid UTF-8 to its end (a later
        // line that is not is then a mixed file, refused, rather than a reason to guess again).
        let pending = self.pending();
        let valid = match std::str::from_utf8(pending) {
            Ok(_) => pending.len(),
            Err(e) if e.error_len().is_none() => pending.len(),
            Err(e) => e.valid_up_to(),
        };
        let line_end = pending.iter().position(|b| *b == b'\n').unwrap_or(pending.len());
        let utf8 = valid > 0 && valid >= line_end;
        self.start_decoder(if utf8 { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1251 });
        self.detected = true;
        Ok(())
    }

    fn decode_step(&mut self) -> io::Result<()> {
        if self.pending().is_empty() && !self.eof {
            self.fill()?;
        }
        let last = self.eof;
        if self.detected && self.used == Some(encoding_rs::WINDOWS_1251) {
            if let Some(at) = utf8_cyrillic(self.pending()) {
                let line = self.lines + newlines(&self.pending()[..at]) + 1;
                return Err(mixed(format!("line {line} is in UTF-8 while the lines before it are in Windows-1251")));
            }
        }
        let decoder = self.decoder.as_mut().expect("decoder started");
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(&self.input[self.in_start..], &mut self.output, last);
        self.consume(read);
        self.out_start = 0;
        self.out_end = written;
        match result {
            encoding_rs::DecoderResult::InputEmpty if last => self.done = true,
            encoding_rs::DecoderResult::InputEmpty | encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(_, _) => {
                let name = self.used.map_or("UTF-8", |e| e.name());
                let line = self.lines + 1;
                if self.detected {
                    return Err(mixed(format!("line {line} is not {name} while the lines before it are")));
                }
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the file is not valid {name} (at byte {}, line {line}); save it as UTF-8, or choose the \
                         encoding with --encoding windows-1251 or utf-8",
                        self.offset
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Line breaks in `bytes`.
fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// Where `bytes` hold two Cyrillic letters in a row written in UTF-8 (`D0`/`D1` then a
/// continuation byte, twice): in Windows-1251 that reads «Р» or «С» then a symbol, twice, which
/// no real text has.
fn utf8_cyrillic(bytes: &[u8]) -> Option<usize> {
    let lead = |b: u8| b == 0xD0 || b == 0xD1;
    let cont = |b: u8| (0x80..=0xBF).contains(&b);
    bytes.windows(4).position(|w| lead(w[0]) && cont(w[1]) && lead(w[2]) && cont(w[3]))
}

/// The refusal of a file whose lines are in different encodings.
fn mixed(what: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{what}: the file mixes encodings, and reading it would garble some names; save the whole file again \
             in one encoding (UTF-8), then import it"
        ),
    )
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = (self.out_end - self.out_start).min(buf.len());
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            if !self.started {
                self.sniff_bom()?;
            } else if self.decoder.is_none() {
                self.undecided_step()?;
            } else {
                self.decode_step()?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], choice: Encoding) -> (io::Result<String>, Option<&'static str>) {
        let mut d = Decoding::new(bytes, choice);
        let mut s = String::new();
        let r = d.read_to_string(&mut s).map(|_| s);
        (r, d.encoding().map(|e| e.name()))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("\u{feff}Имя;a".as_bytes(), Encoding::Auto).0.unwrap(), "Имя;a");
        let (text, enc) = decode("Имя;a".as_bytes(), Encoding::Auto);
        assert_eq!((text.unwrap().as_str(), enc), ("Имя;a", Some("UTF-8")));
        let (text, enc) = decode(b"plain ascii", Encoding::Auto);
        assert_eq!((text.unwrap().as_str(), enc), ("plain ascii", None));
    }

    #[test]
    fn windows_1251_detected_after_a_long_ascii_start() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Телефон");
        let mut input = vec![b'x'; 100_000];
        input.extend_from_slice(&bytes);
        let (text, enc) = decode(&input, Encoding::Auto);
        assert!(text.unwrap().ends_with("xТелефон"));
        assert_eq!(enc, Some("windows-1251"));
    }

    #[test]
    fn utf16_by_bom_and_forced_choices() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Да".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, Encoding::Auto).0.unwrap(), "Да");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Да");
        assert_eq!(decode(&bytes, Encoding::Windows1251).0.unwrap(), "Да");
        let err = decode(&bytes, Encoding::Utf8).0.unwrap_err();
        assert!(err.to_string().contains("not valid UTF-8 (at byte"), "{err}");
    }

    #[test]
    fn a_multibyte_char_split_across_chunks() {
        let mut input = vec![b'a'; CHUNK - 1];
        input.extend_from_slice("ЖЖ".as_bytes());
        let text = decode(&input, Encoding::Utf8).0.unwrap();
        assert!(text.ends_with("aЖЖ"));
    }

    #[test]
    fn mixed_encodings_are_refused_naming_the_line() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Имя;Город\nИван;Москва\n");
        let mut input = cp1251.into_owned();
        input.extend_from_slice("Пётр;Самара\n".as_bytes());
        let err = decode(&input, Encoding::Auto).0.unwrap_err();
        assert!(
            err.to_string().starts_with("line 3 is in UTF-8 while the lines before it are in Windows-1251"),
            "{err}"
        );
        let mut input = "Имя;Город\nИван;Москва\nx;y\n".as_bytes().to_vec();
        input.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Пётр;Самара\n").0);
        let err = decode(&input, Encoding::Auto).0.unwrap_err();
        assert!(err.to_string().starts_with("line 4 is not UTF-8 while the lines before it are"), "{err}");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("ООО «Рога и копыта»;Сёмин С. Р.\n");
        assert!(decode(&cp1251, Encoding::Auto).0.is_ok(), "real Windows-1251 text is not taken for UTF-8");
    }

    #[test]
    fn encoding_names() {
        assert_eq!("CP1251".parse(), Ok(Encoding::Windows1251));
        assert_eq!("utf8".parse(), Ok(Encoding::Utf8));
        assert!("koi8-r".parse::<Encoding>().is_err());
        assert_eq!(Encoding::Windows1251.to_string(), "windows-1251");
    }
}
