/** Secrets the desktop tests hand to the main process; none may ever show up on the renderer side. */
export const TEST_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJhbGJ1bSI6MX0.pixdrop-test-secret-signature';
export const TEST_CLOUDINARY_URL = 'cloudinary://123456789012345:Zx9-pixdrop-test-secret_aBc@my-cloud';
export const TEST_SECRET_MARKER = 'pixdrop-test-secret';
