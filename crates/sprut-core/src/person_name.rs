//! A person's full name as Russian sentences need it: declined («напишите Семёнову Андрею
//! Степановичу») and with the verb of the person's gender («пытался», «пыталась»), told from
//! the patronymic. A name that is not «Фамилия Имя Отчество» stays as written.

use petrovich::{Case, Gender};

/// The gender a Russian full name shows by its patronymic, if it shows one.
fn gender(full: &str) -> Option<Gender> {
    let parts: Vec<&str> = full.split_whitespace().collect();
    let [_, _, middle] = parts[..] else { return None };
    match petrovich::detect_gender(None, None, Some(middle)) {
        Gender::Androgynous => None,
        g => Some(g),
    }
}

/// Whether the name is a woman's (`None` when the name does not tell).
pub fn is_female(full: &str) -> Option<bool> {
    gender(full).map(|g| g == Gender::Female)
}

/// «Семёнов Андрей Степанович» in the dative: «Семёнову Андрею Степановичу».
pub fn dative(full: &str) -> String {
    let Some(g) = gender(full) else { return full.to_string() };
    let parts: Vec<&str> = full.split_whitespace().collect();
    let (last, first, middle) = (parts[0], parts[1], parts[2]);
    format!(
        "{} {} {}",
        petrovich::lastname(g, last, Case::Dative),
        petrovich::firstname(g, first, Case::Dative),
        petrovich::middlename(g, middle, Case::Dative)
    )
}

/// «Семёнов Андрей Степанович» as «Семёнов А. С.», for tight places (a chart's labels); other
/// names as written.
pub fn initials(full: &str) -> String {
    let parts: Vec<&str> = full.split_whitespace().collect();
    match parts[..] {
        [last, first, middle] | [last, first, middle, ..] if gender(full).is_some() => {
            let i = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
            format!("{last} {} {}", i(first), i(middle))
        }
        _ => full.to_string(),
    }
}

/// The past-tense verb of `full`'s gender: `masculine` unless the name is a woman's.
pub fn verb<'a>(full: &str, masculine: &'a str, feminine: &'a str) -> &'a str {
    if is_female(full) == Some(true) {
        feminine
    } else {
        masculine
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_shorten_a_russian_full_name_only() {
        assert_eq!(initials("Гаврилова Алла Александровна"), "Гаврилова А. А.");
        assert_eq!(initials("John Smith"), "John Smith");
    }

    #[test]
    fn names_decline_and_choose_their_verb() {
        assert_eq!(dative("Семёнов Андрей Степанович"), "Семёнову Андрею Степановичу");
        assert_eq!(dative("Акимова Виктория Романовна"), "Акимовой Виктории Романовне");
        assert_eq!(verb("Акимова Виктория Романовна", "пытался", "пыталась"), "пыталась");
        assert_eq!(verb("Семёнов Андрей Степанович", "пытался", "пыталась"), "пытался");
        // Not a Russian full name: kept as written, the verb in its general form.
        assert_eq!(dative("John Smith"), "John Smith");
        assert_eq!(verb("John Smith", "пытался", "пыталась"), "пытался");
    }
}
