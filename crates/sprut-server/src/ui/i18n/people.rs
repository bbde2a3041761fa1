//! The words of the administrator's employee forms.

phrases! {
    /// Open the new-employee form; submit it.
    add: "Добавить сотрудника"
        | "Add an employee",
    /// An employee's menu.
    change: "Изменить"
        | "Change",
    /// The department (staff only).
    department_of_staff: "Отдел (для смежников)"
        | "Department (staff only)",
    /// A rep's specialisation.
    specialisation: "Специализация"
        | "Specialisation",
    /// The first password (optional).
    first_password: "Пароль (не меньше 10 символов; можно задать позже)"
        | "Password (at least 10 characters; may be set later)",
    /// A new password.
    new_password: "Новый пароль"
        | "New password",
    /// Set the new password.
    set_password: "Задать пароль"
        | "Set the password",
    /// Saved notice.
    saved: "Сохранено."
        | "Saved.",
}
