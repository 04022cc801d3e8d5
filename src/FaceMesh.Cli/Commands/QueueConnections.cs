using System.CommandLine;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// The broker and database options of the queue commands. Values come from the command line or
/// from FACEMESH_BROKER / FACEMESH_DB, so credentials need not appear in shell history or code.
/// </summary>
internal sealed class QueueConnections
{
    public const string BrokerVariable = "FACEMESH_BROKER";
    public const string DatabaseVariable = "FACEMESH_DB";

    public Option<string?> Broker { get; } = new("--broker")
    {
        Description = $"RabbitMQ URI, amqp://user:password@host:5672/vhost (default: ${BrokerVariable})",
    };

    public Option<string?> Database { get; } = new("--db")
    {
        Description = $"PostgreSQL connection string, \"Host=...;Username=...;Password=...;Database=...\" (default: ${DatabaseVariable})",
    };

    public string BrokerUri(ParseResult parse) => Resolve(parse, Broker, BrokerVariable)
        ?? throw new ArgumentException($"No broker: give --broker amqp://... or set {BrokerVariable}.");

    public string DatabaseConnection(ParseResult parse) => Resolve(parse, Database, DatabaseVariable)
        ?? throw new ArgumentException($"No database: give --db \"Host=...\" or set {DatabaseVariable}.");

    public string? OptionalDatabase(ParseResult parse) => Resolve(parse, Database, DatabaseVariable);

    private static string? Resolve(ParseResult parse, Option<string?> option, string variable) =>
        parse.GetValue(option) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } env ? env : null;
}
