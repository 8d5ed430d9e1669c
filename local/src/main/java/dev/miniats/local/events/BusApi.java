package dev.miniats.local.events;

import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.JsonRouter;

import java.util.List;
import java.util.Map;

/**
 * CreateEventBus, DeleteEventBus, ListEventBuses and DescribeEventBus, with EventBridge's request
 * shapes, answers and error codes
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html).
 * Timestamps are epoch seconds, as JSON 1.1 encodes them. Thread-safe.
 */
final class BusApi {
    private final EventBus bus;
    private final BusTags tags;

    BusApi(EventBus bus, BusTags tags) {
        this.bus = bus;
        this.tags = tags;
    }

    void registerOn(JsonRouter router) {
        router.on("CreateEventBus", CreateEventBusRequest.class, this::createEventBus)
                .on("DeleteEventBus", NameRequest.class, this::deleteEventBus)
                .on("ListEventBuses", ListEventBusesRequest.class, this::listEventBuses)
                .on("DescribeEventBus", NameRequest.class, this::describeEventBus);
    }

    /** CreateEventBus' request; {@code Tags} are checked before the bus is created, so bad tags create nothing. */
    record CreateEventBusRequest(String name, List<TagApi.Tag> tags) {
        CreateEventBusRequest {
            Fields.required(name, "Name", Fields.BUS_NAME);
            if (name.startsWith("aws.")) {
                throw new BusException.Validation("Event bus names starting with aws. are reserved for partner event sources.");
            }
        }
    }

    record CreateEventBusAnswer(String eventBusArn) {
    }

    /** A request naming one bus; DescribeEventBus without a name describes the default bus. */
    record NameRequest(String name) {
    }

    record ListEventBusesRequest(String namePrefix, String nextToken, Integer limit) {
    }

    record ListEventBusesAnswer(List<EventBusView> eventBuses, String nextToken) {
    }

    /** EventBridge's EventBus as ListEventBuses and DescribeEventBus answer it. */
    record EventBusView(String name, String arn, long creationTime) {
    }

    private CreateEventBusAnswer createEventBus(CreateEventBusRequest request, AwsRequest call) {
        Map<String, String> initial = request.tags() == null ? Map.of() : TagApi.validated(request.tags(), "tags");
        bus.createBus(request.name());
        if (!initial.isEmpty()) {
            tags.tag(request.name(), null, initial);
        }
        return new CreateEventBusAnswer(bus.busArn(request.name()));
    }

    private Void deleteEventBus(NameRequest request, AwsRequest call) {
        bus.deleteBus(Fields.required(request.name(), "Name", Fields.BUS_NAME));
        return null;
    }

    private ListEventBusesAnswer listEventBuses(ListEventBusesRequest request, AwsRequest call) {
        String prefix = request.namePrefix();
        List<String> names = bus.buses().stream().filter(name -> prefix == null || name.startsWith(prefix)).toList();
        Page<String> page = Page.of(names, name -> name, request.limit(), request.nextToken());
        return new ListEventBusesAnswer(page.items().stream().map(this::view).toList(), page.nextToken());
    }

    private EventBusView describeEventBus(NameRequest request, AwsRequest call) {
        String name = EventBus.busName(request.name());
        if (!bus.hasBus(name)) {
            throw new BusException.NotFound("Event bus " + name + " does not exist.");
        }
        return view(name);
    }

    private EventBusView view(String name) {
        return new EventBusView(name, bus.busArn(name), bus.busCreated(name).getEpochSecond());
    }
}
