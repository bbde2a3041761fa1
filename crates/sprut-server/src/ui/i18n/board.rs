//! The words of the deal board.

phrases! {
    /// Navigation and title.
    title: "Воронка сделок"
        | "Deal board",
    /// Open the form that closes a deal.
    close: "Закрыть: выиграна или проиграна"
        | "Close: won or lost",
    /// Deals a column does not show.
    more_deals: "Ещё сделок в этом этапе:"
        | "More deals in this phase:",
}
