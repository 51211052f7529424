CREATE TABLE `execution` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`actor_email` text NOT NULL,
	`source` text NOT NULL,
	`code` text NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`error` text,
	`logs` text NOT NULL,
	`limits` text NOT NULL,
	`tool_call_count` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`duration_ms` integer
);
--> statement-breakpoint
CREATE INDEX `execution_started_at_idx` ON `execution` (`started_at`);--> statement-breakpoint
CREATE INDEX `execution_actor_id_idx` ON `execution` (`actor_id`);--> statement-breakpoint
CREATE TABLE `tool_call` (
	`execution_id` text NOT NULL,
	`seq` integer NOT NULL,
	`path` text NOT NULL,
	`args` text,
	`started_at_ms` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`ok` integer NOT NULL,
	`error` text,
	PRIMARY KEY(`execution_id`, `seq`),
	FOREIGN KEY (`execution_id`) REFERENCES `execution`(`id`) ON UPDATE no action ON DELETE cascade
);
