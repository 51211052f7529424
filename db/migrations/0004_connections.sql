CREATE TABLE `connection` (
	`id` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`owner_id` text DEFAULT '' NOT NULL,
	`auth_type` text NOT NULL,
	`auth_config` text NOT NULL,
	`secret` text,
	`secret_updated_at` integer,
	`implicit` integer DEFAULT false NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`integration_id`) REFERENCES `integration`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connection_owner_name_unique` ON `connection` (`integration_id`,`owner_id`,`name`);--> statement-breakpoint
CREATE TABLE `tool_staging` (
	`integration_id` text NOT NULL,
	`path` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`input_schema` text NOT NULL,
	`output_schema` text NOT NULL,
	`annotations` text NOT NULL,
	`operation` text NOT NULL,
	`path_words` text NOT NULL,
	`parameter_names` text NOT NULL,
	PRIMARY KEY(`integration_id`, `path`)
);
--> statement-breakpoint
ALTER TABLE `integration` ADD `details` text;--> statement-breakpoint
ALTER TABLE `integration` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `integration` ADD `progress_done` integer;--> statement-breakpoint
ALTER TABLE `integration` ADD `progress_total` integer;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `integration` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `connection` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `method` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `http_status` integer;