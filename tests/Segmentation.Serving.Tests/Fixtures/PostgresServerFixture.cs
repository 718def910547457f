using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Segmentation.Serving.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server for the tests: Debian's binaries (installed with apt-get when missing and running as root),
/// a fresh cluster from initdb in a temporary folder, started on a free 127.0.0.1 port (as the <c>postgres</c> system user
/// when running as root, since postgres refuses to run as root), and stopped when the tests end.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private const string User = "segment";
    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    public PostgresServerFixture()
    {
        _bin = FindBinaries() ?? Install();
        _asPostgresUser = Environment.UserName == "root";
        _directory = Path.Combine(Path.GetTempPath(), "seg-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        if (_asPostgresUser)
        {
            Run("chown", ["postgres:postgres", _directory], asPostgres: false);
        }

        var data = Path.Combine(_directory, "data");
        Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "--auth=trust", "--encoding=UTF8", "--no-sync"], _asPostgresUser);
        Port = FreePort();
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off"), "start"], _asPostgresUser);
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Creates an empty database and returns its <c>postgresql://</c> URI.</summary>
    public string CreateDatabaseUri()
    {
        var name = "segments_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        using var connection = new NpgsqlConnection(string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE DATABASE " + name;
        command.ExecuteNonQuery();
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{User}:unused@127.0.0.1:{Port}/{name}");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The server's last log lines may still be flushing; a leftover temp folder must not fail the run.
            }
        }
    }

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return Path.Combine(newest, "bin");
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static string Install()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("PostgreSQL is not installed and the tests are not running as root: run `apt-get install -y postgresql` (or .ci/run) first");
        }

        Run("apt-get", ["install", "-y", "-q", "postgresql"], asPostgres: false);
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed postgresql but no initdb was found under /usr/lib/postgresql");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
