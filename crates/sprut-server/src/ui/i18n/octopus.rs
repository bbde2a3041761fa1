//! The words of the relationship map and the coverage score.

phrases! {
    /// The card section's heading.
    title: "Связи с клиентом"
        | "Relationships",
    /// What the section shows.
    lead: "Кто из наших в контакте с кем у клиента: число касаний и последнее. Чем больше нитей, тем меньше клиент зависит от одного человека."
        | "Who of ours is in touch with whom at the client: touches and the last one. The more threads, the less the client hangs on one person.",
    /// The score's label.
    coverage: "Охват"
        | "Coverage",
    /// The column of touches that named no contact.
    no_contact: "без контакта"
        | "no contact named",
    /// The mark of a contact only the holder has met.
    only_holder: "знает только держатель"
        | "only the holder knows",
    /// The mark of the holder's row.
    holder: "держатель"
        | "holder",
    /// Nothing to draw yet.
    empty: "Касаний с контактами клиента ещё не было."
        | "No touches with the client's contacts yet.",
}
