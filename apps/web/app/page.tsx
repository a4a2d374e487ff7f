export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">Lightbox</h1>
      <p className="text-lg text-slate-700">
        Audit the image classifiers your hospital deploys, by showing why they decide.
      </p>
    </main>
  );
}
