// The smallest App Router page, built with the console's own `next`, as page-weight's baseline.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
