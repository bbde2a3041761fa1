//! Reading a `multipart/form-data` form (a browser's file upload) into its fields.

/// One field of a multipart form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The field's name.
    pub name: String,
    /// The uploaded file's name, for file fields.
    pub file_name: Option<String>,
    /// The value or the file's bytes.
    pub data: Vec<u8>,
}

/// The parts of `body` sent with `content_type`; `None` when it is not a multipart form or
/// is malformed.
pub fn parts(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))?;
    if !content_type.trim_start().starts_with("multipart/form-data") || boundary.is_empty() {
        return None;
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let mut out = Vec::new();
    let mut rest = &body[find(body, &delimiter)? + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Some(out);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        let after = &rest[head_end + 4..];
        let mut end_marker = b"\r\n".to_vec();
        end_marker.extend_from_slice(&delimiter);
        let end = find(after, &end_marker)?;
        let disposition = head.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        out.push(Part {
            name: param(disposition, "name")?,
            file_name: param(disposition, "filename"),
            data: after[..end].to_vec(),
        });
        rest = &after[end + end_marker.len()..];
    }
}

/// `key="value"` of a header line.
fn param(line: &str, key: &str) -> Option<String> {
    line.split(';').map(str::trim).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Bytes as lower-case hex, to carry an upload in a form field between steps.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    s
}

/// The bytes of [`to_hex`]'s text; `None` when it is not hex.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.chunks(2)
        .map(|p| {
            let hi = char::from(p[0]).to_digit(16)?;
            let lo = char::from(p[1]).to_digit(16)?;
            Some((hi * 16 + lo) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_a_binary_file() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--XyZ\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n\x00\r\nid;name\r\n\r\n--XyZ--\r\n";
        let got = parts("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].name.as_str(), got[0].data.as_slice()), ("csrf", &b"abc"[..]));
        assert_eq!(got[1].file_name.as_deref(), Some("a.csv"));
        assert_eq!(got[1].data, b"\x00\r\nid;name\r\n");
        assert!(parts("application/x-www-form-urlencoded", b"a=b").is_none());
        assert_eq!(from_hex(&to_hex(&[0, 255, 16, 1])), Some(vec![0, 255, 16, 1]));
        assert_eq!(from_hex("zz"), None);
    }
}
