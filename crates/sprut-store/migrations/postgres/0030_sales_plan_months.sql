-- A head's word on a rep's month of sales plan (article 000): the plan instead of the one the
-- potentials of the clients he holds give, and hunters' targets, each with its reason. The plan
-- from potential itself is not stored: it is read from the holdings, day by day.
CREATE TABLE sales_plan_months (
    employee_id UUID NOT NULL REFERENCES employees (id),
    month       DATE NOT NULL,
    plan_minor  BIGINT,
    new_clients BIGINT,
    first_sales BIGINT,
    reason      TEXT NOT NULL,
    set_by      UUID REFERENCES employees (id),
    set_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (employee_id, month)
);
