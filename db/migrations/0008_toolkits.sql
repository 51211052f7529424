CREATE TABLE `toolkit` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`patterns` text NOT NULL,
	`mode` text DEFAULT 'code' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `toolkit_slug_unique` ON `toolkit` (`slug`);--> statement-breakpoint
CREATE TABLE `toolkit_execution` (
	`execution_id` text PRIMARY KEY NOT NULL,
	`toolkit_id` text NOT NULL
);
