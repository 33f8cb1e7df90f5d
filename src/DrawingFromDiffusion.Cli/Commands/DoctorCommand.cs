using System.CommandLine;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd doctor`: what this machine can run, and why not.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", ".NET and ONNX Runtime versions, execution providers, whether CUDA loads (and why not), installed packs and whether they verify.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            Console.WriteLine($".NET          {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}), {Environment.ProcessorCount} cores");
            Console.WriteLine($"ONNX Runtime  {OnnxSessionFactory.OrtVersion}; providers built in: {string.Join(", ", OnnxSessionFactory.AvailableProviders)}");
            var store = ModelStore.Open();
            var probe = store.Find(ModelStore.OfflinePackId)?.Manifest.Image is { } spec ? store.Find(ModelStore.OfflinePackId)!.PathOf(spec.PreprocessFile ?? spec.File) : null;
            if (probe is null)
            {
                Console.WriteLine("CUDA          not probed: no bundled model to load");
            }
            else
            {
                var factory = new OnnxSessionFactory(new DeviceOptions("cuda", Threads: 1));
                try
                {
                    using var session = factory.Create(probe);
                    Console.WriteLine($"CUDA          usable ({factory.ActiveDevice})");
                }
                catch (GpuUnavailableException ex)
                {
                    Console.WriteLine($"CUDA          not usable: {factory.CudaFailure ?? ex.Message}");
                    Console.WriteLine("              (needs an NVIDIA driver plus CUDA 13 cuBLAS/cuDNN libraries on LD_LIBRARY_PATH; `--device auto` then uses CPU)");
                }
            }

            Console.WriteLine($"Model packs   {store.Root} (set $DFD_MODELS to move it); bundled: {store.BundledRoot}");
            var failures = 0;
            foreach (var (pack, dir, bundled, problem) in store.List())
            {
                if (pack is null)
                {
                    failures++;
                    Console.WriteLine($"  {Path.GetFileName(dir),-28} BROKEN: {problem}");
                    continue;
                }

                var problems = (await pack.VerifyAsync(cancellationToken)).ToList();
                failures += problems.Count > 0 ? 1 : 0;
                Console.WriteLine($"  {pack.Id,-28} {(problems.Count == 0 ? "verified" : "FAILS: " + string.Join("; ", problems))}  {pack.Manifest.EmbeddingSize}-d {(pack.HasText ? "text+image" : "image only")}{(bundled ? " (bundled)" : string.Empty)}");
            }

            var chosen = store.DefaultPack();
            Console.WriteLine($"Default model {chosen?.Id ?? "none"}{(chosen is { HasText: false } ? " — image only: text search uses prompts until a CLIP pack is installed (`dfd models pull clip-vit-b32`)" : string.Empty)}");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
