import * as v from 'valibot';

// Objects drop unknown fields (new server fields are harmless) but every field the
// extension reads is required with its type. Optional texts arrive as "" or null and
// are normalised to "" so callers never branch on both.
const optionalText = v.pipe(
  v.nullish(v.string()),
  v.transform((text) => text ?? ''),
);

export const MeSchema = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
});

export const ProjectSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: optionalText,
  created_at: v.string(),
  updated_at: v.string(),
  web_url: v.string(),
});

export const WidgetSchema = v.object({
  id: v.string(),
  title: v.string(),
  metric: v.string(),
  // Any string, so one widget of a kind newer than this extension cannot hide the whole dashboard.
  kind: v.string(),
});

export const DashboardSchema = v.object({
  id: v.string(),
  project_id: v.string(),
  name: v.string(),
  description: optionalText,
  widgets: v.array(WidgetSchema),
  updated_at: v.string(),
  web_url: v.string(),
});

export const MetricSchema = v.object({
  name: v.string(),
  unit: optionalText,
  description: optionalText,
});

export function listSchema<T>(item: v.GenericSchema<unknown, T>) {
  return v.object({
    data: v.array(item),
    next_cursor: v.nullish(v.string()),
  });
}

export type Me = v.InferOutput<typeof MeSchema>;
export type Project = v.InferOutput<typeof ProjectSchema>;
export type Widget = v.InferOutput<typeof WidgetSchema>;
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
export type Metric = v.InferOutput<typeof MetricSchema>;
