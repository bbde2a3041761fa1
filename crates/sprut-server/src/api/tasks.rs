//! Tasks: next steps with a client, each owned by one employee and due by a date.

use super::records::record_routes;
use sprut_core::task::{NewTask, Task, TaskPatch};
use sprut_core::TaskId;

record_routes!(
    Task, NewTask, TaskPatch, TaskId, kind: Tasks, name: "task",
    store: { list: tasks, create: create_task [dated], read: task, update: update_task [dated] },
    also: {},

    list: "/tasks", item: "/tasks/{id}", tag: "tasks",
    docs: {
        list: "Tasks (next steps) on the clients in the caller's scope, open and closed, in id order.",
        create: "Sets a task on a client in the caller's scope; its owner defaults to the client's holder.",
        one: "One task.",
        update: "Closes, reopens, moves or hands over a task; a new due date may not be in the past.",
    },
);
