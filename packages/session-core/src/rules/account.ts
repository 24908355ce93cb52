// PROVISIONAL (replaced by the api-web branch): the account form rules.
import { z } from 'zod';

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email: z.email('Enter a valid email address').max(254),
  password: z.string().min(8, 'Use at least 8 characters').max(128),
});

export const signInSchema = z.object({
  email: z.email('Enter a valid email address').max(254),
  password: z.string().min(1, 'Enter your password').max(128),
});
